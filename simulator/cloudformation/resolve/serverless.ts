/**
 * What the simulator can say about `AWS::Serverless::*` resources without running SAM. SAM's expansion of them
 * creates functions, roles, APIs and permissions, none of which the hook targets, with two exceptions that create
 * an `AWS::SQS::Queue`: an `EventInvokeConfig` destination of `Type: SQS` without a `Destination`, and an event's
 * `DeadLetterConfig` of `Type: SQS`. Those are found here so the user is told the hook would see a queue the
 * simulator does not.
 */
import { escapePointerToken } from '../../../src/kernel/diagnostics';
import { own } from './values';
import { isJsonObject } from '../../../src/kernel/protocol';

/** JSON pointers (relative to the resource) of the settings that make SAM generate an SQS queue. */
export function samGeneratedQueues(properties: unknown): string[] {
  if (!isJsonObject(properties)) return [];
  const found: string[] = [];
  const invokeConfig = own(properties, 'EventInvokeConfig');
  const destinations = isJsonObject(invokeConfig) ? own(invokeConfig, 'DestinationConfig') : undefined;
  if (isJsonObject(destinations)) {
    for (const outcome of ['OnSuccess', 'OnFailure']) {
      const destination = own(destinations, outcome);
      if (isJsonObject(destination) && destination.Type === 'SQS' && own(destination, 'Destination') === undefined) {
        found.push(`/Properties/EventInvokeConfig/DestinationConfig/${outcome}`);
      }
    }
  }
  const events = own(properties, 'Events');
  if (isJsonObject(events)) {
    for (const name of Object.keys(events)) {
      const event = events[name];
      const settings = isJsonObject(event) ? own(event, 'Properties') : undefined;
      const deadLetters = isJsonObject(settings) ? own(settings, 'DeadLetterConfig') : undefined;
      if (isJsonObject(deadLetters) && deadLetters.Type === 'SQS') found.push(`/Properties/Events/${escapePointerToken(name)}/Properties/DeadLetterConfig`);
    }
  }
  return found;
}
