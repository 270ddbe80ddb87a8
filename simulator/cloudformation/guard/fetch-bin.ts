import { runMain } from '../../../src/kernel/cli';
import { fetchCfnGuardMain } from './fetch-command';

runMain(fetchCfnGuardMain, 'fetch-cfn-guard');
