/**
 * Which hook folders an Elastic Beanstalk operation runs, in order. Pure data from the developer guide: Amazon
 * Linux 2/2023 platform hooks live in the source bundle; legacy (Amazon Linux AMI custom platform) hooks live in
 * /opt/elasticbeanstalk/hooks, which the simulator reads from `--legacy <dir>`.
 */

export type BeanstalkOperation = 'deploy' | 'config' | 'launch' | 'restart';
export const BEANSTALK_OPERATIONS: readonly BeanstalkOperation[] = ['deploy', 'config', 'launch', 'restart'];
export type PlatformGeneration = 'al2' | 'legacy';

/** One folder of scripts that run together. */
export interface HookFolder {
  /** `prebuild`, `predeploy`, `postdeploy`, or legacy `preinit`, `appdeploy/pre`, … */
  readonly phase: string;
  /** Relative to the source bundle (AL2) or the legacy hooks directory. */
  readonly folder: string;
  /** The folder as the platform names it in its logs and events. */
  readonly platformFolder: string;
  /** The directory the platform runs these scripts in, when documented. */
  readonly platformCwd?: string;
  /** The engine step that runs the folder: `RunAppDeployPreBuildHooks` (AL2) or an activity path (legacy). */
  readonly step: string;
}

/** The ordered folders of one operation, and what the platform calls the operation. */
export interface OperationLayout {
  readonly generation: PlatformGeneration;
  readonly operation: BeanstalkOperation;
  /** AL2: the eb-engine command (`app-deploy`); legacy: the activity (`Application update`). */
  readonly engineCommand: string;
  readonly folders: readonly HookFolder[];
  readonly notes: readonly string[];
}

export const LEGACY_HOOKS_ROOT = '/opt/elasticbeanstalk/hooks';

const AL2_PHASES = [
  { phase: 'prebuild', step: 'PreBuild', platformCwd: '/var/app/staging' },
  { phase: 'predeploy', step: 'PreDeploy', platformCwd: '/var/app/staging' },
  { phase: 'postdeploy', step: 'PostDeploy', platformCwd: '/var/app/current' },
] as const;

/** The Amazon Linux 2/2023 layout: `.platform/hooks` for deployments and launches, `.platform/confighooks` for configuration updates. */
export function platformHooksLayout(operation: BeanstalkOperation): OperationLayout {
  if (operation === 'restart') {
    return {
      generation: 'al2',
      operation,
      engineCommand: 'restart-app-server',
      folders: [],
      // [choice] The AL2/2023 guide names hooks only for application and configuration deployments.
      notes: ['Amazon Linux 2/2023 platforms run no platform hooks on an app server restart (use --legacy for restartappserver hooks)'],
    };
  }
  const config = operation === 'config';
  const root = config ? '.platform/confighooks' : '.platform/hooks';
  const kind = config ? 'ConfigDeploy' : 'AppDeploy';
  return {
    generation: 'al2',
    operation,
    engineCommand: config ? 'config-deploy' : 'app-deploy',
    folders: AL2_PHASES.map(({ phase, step, platformCwd }) => ({
      phase,
      folder: `${root}/${phase}`,
      platformFolder: `${root}/${phase}/`,
      platformCwd,
      step: `Run${kind}${step}Hooks`,
    })),
    notes: operation === 'launch' ? ['a new instance runs the application deployment hooks (.platform/hooks)'] : [],
  };
}

const LEGACY_OPERATIONS: Record<BeanstalkOperation, { activity: string; groups: readonly string[] }> = {
  launch: { activity: 'Initialization', groups: ['preinit', 'appdeploy', 'postinit'] },
  deploy: { activity: 'Application update', groups: ['appdeploy'] },
  config: { activity: 'Configuration update', groups: ['configdeploy'] },
  restart: { activity: 'Restart app server', groups: ['restartappserver'] },
};

const LEGACY_STEP_NAMES: Record<string, string> = {
  preinit: 'PreInitStage0/PreInitHook',
  postinit: 'PostInitStage0/PostInitHook',
  'appdeploy/pre': 'AppDeployStage0/AppDeployPreHook',
  'appdeploy/enact': 'AppDeployStage1/AppDeployEnactHook',
  'appdeploy/post': 'AppDeployStage1/AppDeployPostHook',
  'configdeploy/pre': 'ConfigDeployStage0/ConfigDeployPreHook',
  'configdeploy/enact': 'ConfigDeployStage1/ConfigDeployEnactHook',
  'configdeploy/post': 'ConfigDeployStage1/ConfigDeployPostHook',
  'restartappserver/pre': 'RestartAppServerStage0/RestartAppServerPreHook',
  'restartappserver/enact': 'RestartAppServerStage0/RestartAppServerEnactHook',
  'restartappserver/post': 'RestartAppServerStage0/RestartAppServerPostHook',
};

/** The legacy layout: preinit and postinit are flat folders; the others run pre → enact → post. */
export function legacyHooksLayout(operation: BeanstalkOperation): OperationLayout {
  const { activity, groups } = LEGACY_OPERATIONS[operation];
  const phases = groups.flatMap((group) => (group === 'preinit' || group === 'postinit' ? [group] : ['pre', 'enact', 'post'].map((p) => `${group}/${p}`)));
  return {
    generation: 'legacy',
    operation,
    engineCommand: activity,
    folders: phases.map((phase) => ({
      phase,
      folder: phase,
      platformFolder: `${LEGACY_HOOKS_ROOT}/${phase}/`,
      step: `${activity}/${LEGACY_STEP_NAMES[phase]}`,
    })),
    notes: [],
  };
}
