/** The JSON document the Amplify CLI writes to a hook's stdin. */

/** `amplify/.config/local-env-info.json`, passed through as `environment`. */
export type LocalEnvInfo = Readonly<Record<string, unknown>>;

/** `data` in the stdin document. */
export interface HookDataParameter {
  readonly amplify: {
    readonly environment?: LocalEnvInfo;
    /** Absent in the pre hooks of a command that is not a hook event run with `--forcePush` (`amplify init --forcePush`). */
    readonly command?: string;
    readonly subCommand?: string;
    readonly argv: readonly string[];
    readonly version: string;
  };
}

/** `error` in the stdin document: present only for post hooks that run after the command failed. */
export interface HookErrorParameter {
  readonly message: string;
  readonly stack: string;
}

/** The whole document, serialised as the CLI serialises it (absent fields are left out, not null). */
export function hookStdinDocument(data: HookDataParameter, error?: HookErrorParameter): string {
  return JSON.stringify(error ? { data, error } : { data });
}
