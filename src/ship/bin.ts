import { runMain } from '../kernel/cli';
import { main } from './cli/main';

runMain(main, 'ship');
