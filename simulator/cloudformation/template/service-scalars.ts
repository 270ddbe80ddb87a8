/**
 * Scalars as the service reads and writes them. It reads a template's numbers as Java doubles and writes a whole one
 * with its fraction (`4.0`), where JavaScript writes `4`; both readers, YAML and JSON, keep that text. And it reads
 * YAML's 1.1 booleans (`yes`, `off`) as booleans, where a YAML 1.2 reader keeps them as text.
 */

import { endOfJsonString } from '../../../src/kernel/source';

/**
 * [choice] The plain YAML scalars the service reads as booleans: YAML 1.1's, as PyYAML and SnakeYAML resolve them
 * (`y` and `n` are text to both). Evidence: the AWS CLI quotes exactly these when it writes a template "so that
 * CloudFormation treats these values as strings and not booleans" (aws/aws-cli#5257); an S3 tag written `Value: YES`
 * reached the bucket as `true` (ASFHyP3/hyp3#2061); unquoted `on`/`off` reached a custom resource as booleans
 * (alienplatform/alien#302, reproduced against CloudFormation in 2026).
 */
export const SERVICE_BOOLEAN = /^(?:true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** The ones of SERVICE_BOOLEAN that are true. */
export const SERVICE_TRUE = /^(?:true|True|TRUE|yes|Yes|YES|on|On|ON)$/;

/**
 * [choice] A float written with a fraction and whole in value (`4.0`, `1.00`) is the text `4.0`: the service reads
 * it as a double and writes it as one (`GlueVersion: 4.0` reaches Glue as "4.0", a `Default: 4.0` meets an
 * `AllowedPattern: ^\d+.\d+`, an unquoted `08` came back from a stack as `8.0` in aws/serverless-application-model#1135),
 * where JavaScript would write `4`. Other numbers stay numbers (`3.10` is 3.1 in every reader). Below 10^7 only: a
 * larger double is written in exponent form by Java (`1.0E7`), whose exact text is unverified.
 */
export function serviceFloat(text: string, value: number): number | string {
  return Number.isInteger(value) && Math.abs(value) < 1e7 && /^[-+]?[0-9]*\.[0-9]*$/.test(text) ? `${Object.is(value, -0) ? '-0' : value}.0` : value;
}

/**
 * A whole number written with a fraction, then the next token: only such a text can hold a number `serviceFloat`
 * changes. A string may match too (`"a 1.0, b"`); the scan below tells them apart.
 */
const MAYBE_WHOLE_FLOAT = /[0-9]\.0+[ \t\r\n]*[,}\]]/;

/**
 * The JSON text with every number `serviceFloat` turns into text written as that text (`4.0` becomes `"4.0"`), so one
 * JSON.parse reads the template as the YAML reader does; undefined when there is none (the usual case, found by one
 * native search). The text is valid JSON (parsed before), so outside strings a run of number characters is a number.
 */
export function jsonWithServiceFloats(text: string): string | undefined {
  if (!MAYBE_WHOLE_FLOAT.test(text)) return undefined;
  const parts: string[] = [];
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = endOfJsonString(text, i);
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      while (i + 1 < text.length && isNumberChar(text.charCodeAt(i + 1))) i++;
      const token = text.slice(start, i + 1);
      const value = serviceFloat(token, Number(token));
      if (typeof value === 'string') {
        parts.push(text.slice(copied, start), `"${value}"`);
        copied = i + 1;
      }
    }
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(copied));
  return parts.join('');
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e /* . */ || c === 0x65 /* e */ || c === 0x45 /* E */ || c === 0x2b /* + */ || c === 0x2d /* - */;
}
