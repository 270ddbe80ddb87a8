import { runMain } from '../../src/kernel/cli';
import { main } from './main';
import { isSimulateWorker, serveAsWorker } from './worker-pool';

// The same bundle serves as the many-templates run's worker threads.
if (isSimulateWorker()) serveAsWorker();
else runMain(main, 'simulate');
