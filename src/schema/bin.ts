import { runMain } from '../cli-io';
import { main } from './cli';

runMain(main);
