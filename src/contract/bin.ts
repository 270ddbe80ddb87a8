import { runMain } from '../cli-io';
import { main } from './main';

runMain(main);
