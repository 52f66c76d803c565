/**
 * Impact:Bedrock/ResourceHijacking (Bulwark's): model access turned on (the use-case form,
 * the model agreement, the entitlement), and models invoked by the principal that turned it on,
 * within a day — the pattern of stolen credentials used to run models at the account's expense.
 */
import { SEVERITY, type Detector } from '../detection.js';
import { BoundedMap } from './support/bounded-map.js';
import { DAY, eventMillis } from './support/event-time.js';

const TYPE = 'Impact:Bedrock/ResourceHijacking';
const ACCESS_CALLS = new Set(['PutUseCaseForModelAccess', 'CreateFoundationModelAgreement', 'PutFoundationModelEntitlement']);
const INVOCATIONS = ['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream'];
const PRINCIPALS_KEPT = 10_000;

export function bedrockHijacking(): Detector {
  /** When each principal last turned model access on (epoch ms). */
  const accessEnabled = new BoundedMap<string, number>(PRINCIPALS_KEPT);
  return {
    name: 'bedrock-hijacking',
    findingTypes: [TYPE],
    eventNames: [...ACCESS_CALLS, ...INVOCATIONS],
    inspect(event) {
      if (event.eventSource !== 'bedrock.amazonaws.com' || event.errorCode !== undefined) return undefined;
      const principal = event.identity.key;
      const time = eventMillis(event);
      if (ACCESS_CALLS.has(event.eventName)) {
        accessEnabled.set(principal, time);
        return {
          type: TYPE,
          severity: SEVERITY.LOW,
          event,
          title: 'Access to an Amazon Bedrock model was turned on.',
          description: `${event.eventName} enables models for the account; stolen credentials are used this way to run models at the account's expense.`,
          additionalInfo: { signal: 'BedrockModelAccessEnabled', definedBy: 'Bulwark' },
        };
      }
      const enabledAt = accessEnabled.get(principal);
      if (enabledAt === undefined || time - enabledAt > DAY) return undefined;
      return {
        type: TYPE,
        severity: SEVERITY.MEDIUM,
        event,
        title: 'A Bedrock model was invoked by the principal that just turned model access on.',
        description: `${event.eventName} followed this principal's own enabling of model access within a day.`,
        additionalInfo: { signal: 'BedrockModelInvokedAfterAccessEnabled', definedBy: 'Bulwark' },
      };
    },
  };
}
