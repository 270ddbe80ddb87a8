import { runMain } from '../kernel/cli';
import { main } from './cli';

runMain(main, 'validate');
