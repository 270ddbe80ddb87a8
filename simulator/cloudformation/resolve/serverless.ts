/**
 * What the simulator can say about `AWS::Serverless::*` resources without running SAM. SAM's expansion of them
 * creates functions, roles, APIs and permissions, none of which the hook targets, with two exceptions that create
 * an `AWS::SQS::Queue`: an `EventInvokeConfig` destination of `Type: SQS` without a `Destination`, and an event's
 * `DeadLetterConfig` of `Type: SQS`. Those are found here so the user is told the hook would see a queue the
 * simulator does not.
 */
import { escapePointerToken } from '../../../src/kernel/diagnostics';
import { isObject, own } from './values';

/** JSON pointers (relative to the resource) of the settings that make SAM generate an SQS queue. */
export function samGeneratedQueues(properties: unknown): string[] {
  if (!isObject(properties)) return [];
  const found: string[] = [];
  const invokeConfig = own(properties, 'EventInvokeConfig');
  const destinations = isObject(invokeConfig) ? own(invokeConfig, 'DestinationConfig') : undefined;
  if (isObject(destinations)) {
    for (const outcome of ['OnSuccess', 'OnFailure']) {
      const destination = own(destinations, outcome);
      if (isObject(destination) && destination.Type === 'SQS' && own(destination, 'Destination') === undefined) {
        found.push(`/Properties/EventInvokeConfig/DestinationConfig/${outcome}`);
      }
    }
  }
  const events = own(properties, 'Events');
  if (isObject(events)) {
    for (const name of Object.keys(events)) {
      const event = events[name];
      const settings = isObject(event) ? own(event, 'Properties') : undefined;
      const deadLetters = isObject(settings) ? own(settings, 'DeadLetterConfig') : undefined;
      if (isObject(deadLetters) && deadLetters.Type === 'SQS') found.push(`/Properties/Events/${escapePointerToken(name)}/Properties/DeadLetterConfig`);
    }
  }
  return found;
}
