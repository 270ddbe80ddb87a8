import { runMain } from '../../src/kernel/cli';
import { main } from './main';

runMain(main);
