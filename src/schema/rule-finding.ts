/**
 * What a check produces before it is placed in the user's file: a rule id, a JSON pointer and a message that says
 * what was found and what is expected. (Not the handler's Finding, src/handlers/checks: that one is a policy
 * verdict on a resource; this one is a rule broken by a schema or configuration document.)
 */
export interface RuleFinding<RuleId extends string = string> {
  readonly rule: RuleId;
  readonly path: string;
  readonly message: string;
}
