import { runMain } from '../kernel/cli';
import { main } from './main';

runMain(main, 'contract');
