/**
 * The `TemplateURL` a nested stack's local template would reach the service with. A local path never does:
 * `aws cloudformation package` (and `sam package`, `sam deploy`) exports the child (its own local paths rewritten
 * first), uploads it under the MD5 of what it uploads with the extension `.template`, and writes the object's
 * path-style URL in its place (aws-cli `artifact_exporter.py` CloudFormationStackResource, `s3uploader.py`
 * upload_with_dedup and to_path_style_s3_url): `https://s3.<region>.amazonaws.com/<bucket>/<md5>.template`. So a child
 * whose content changed arrives as a changed URL, and a hook comparing the two sides sees the change.
 * [choice] Only what the hooks are sent carries that URL (the plan's steps); the simulator's own output (messages,
 * events) names the local path the template gives. [choice] The bucket is PACKAGE_BUCKET, a placeholder; the key is
 * the MD5 of the child as parsed (its JSON, its own local children's URLs rewritten so), not of the CLI's YAML dump,
 * so it differs from the CLI's but changes exactly when the child's content does (a comment or layout change is none,
 * as the CLI's dump of the parsed template drops them too).
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from '../../../src/kernel/protocol';
import { isJsonObject } from '../../../src/kernel/protocol';
import type { PlanStep, StackPlan } from '../plan';
import type { ResolvedResource } from '../template/types';
import type { ResolvedStack } from './stack-tree';

/** [choice] The bucket of a packaged URL: the simulator does not know the one `--s3-bucket` would name. */
export const PACKAGE_BUCKET = 'package-bucket-placeholder';

const NESTED_STACK = 'AWS::CloudFormation::Stack';

/** The packaged URL of a nested stack's template, in `region`. */
export function packagedTemplateUrl(child: ResolvedStack, region: string): string {
  const md5 = createHash('md5').update(JSON.stringify(packagedBody(child, region))).digest('hex');
  return `https://s3.${region}.amazonaws.com/${PACKAGE_BUCKET}/${md5}.template`;
}

/**
 * The plan with each nested stack's local `TemplateURL` in its steps' properties (the resource, and the deployed one
 * it starts from) replaced by its packaged URL: the child as `next` holds it for the resource as the operation leaves
 * it, the child as `previous` holds it for the deployed one. A URL (`https://…`, mapped with --template-map or not)
 * stays as written.
 */
export function withPackagedTemplateUrls(plan: StackPlan, trees: { previous?: ResolvedStack; next?: ResolvedStack }, region: string): StackPlan {
  const nextChildren = trees.next?.children;
  const deployedChildren = trees.previous?.children;
  const rewrite = (resource: ResolvedResource, children: ReadonlyMap<string, ResolvedStack> | undefined): ResolvedResource => {
    const child = children?.get(resource.logicalId);
    if (resource.type !== NESTED_STACK || child === undefined || !isLocal(resource.properties.TemplateURL)) return resource;
    return { ...resource, properties: { ...resource.properties, TemplateURL: packagedTemplateUrl(child, region) } };
  };
  let changed = false;
  const steps = plan.steps.map((step): PlanStep => {
    // What the step leaves is the next template's resource, except a delete's or a retain's: the deployed one.
    const leaves = step.action === 'delete' || step.action === 'retain' ? deployedChildren : nextChildren;
    const resource = rewrite(step.resource, leaves);
    const previous = step.previous ? rewrite(step.previous, deployedChildren) : undefined;
    if (resource === step.resource && previous === step.previous) return step;
    changed = true;
    return { ...step, resource, ...(previous ? { previous } : {}) };
  });
  return changed ? { ...plan, steps } : plan;
}

/** A local path (`./child.yaml`, `file:child.yaml`): anything that is not an http(s) URL. */
function isLocal(value: unknown): value is string {
  return typeof value === 'string' && !/^https?:\/\//i.test(value);
}

/** The child's template as the CLI would upload it: its own nested stacks' local paths replaced by their URLs. */
function packagedBody(stack: ResolvedStack, region: string): JsonObject {
  const body = stack.template.source.body;
  const resources = body.Resources;
  if (!isJsonObject(resources) || stack.children.size === 0) return body;
  const packaged: JsonObject = { ...resources };
  for (const [logicalId, child] of stack.children) {
    const declared = packaged[logicalId];
    if (!isJsonObject(declared) || declared.Type !== NESTED_STACK || !isJsonObject(declared.Properties) || !isLocal(declared.Properties.TemplateURL)) continue;
    packaged[logicalId] = { ...declared, Properties: { ...declared.Properties, TemplateURL: packagedTemplateUrl(child, region) } };
  }
  return { ...body, Resources: packaged };
}
