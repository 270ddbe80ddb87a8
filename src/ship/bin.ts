import { runMain } from '../cli-io';
import { main } from './cli/main';

runMain(main);
