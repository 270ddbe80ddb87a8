import { runMain } from '../../src/cli-io';
import { main } from './main';

runMain(main);
