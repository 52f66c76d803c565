/**
 * Calls from addresses on threat lists: Recon:IAMUser/… for calls that list or describe
 * resources, UnauthorizedAccess:IAMUser/… for every other call; `MaliciousIPCaller` for
 * GuardDuty's own intelligence, `MaliciousIPCaller.Custom` for the account's threat
 * intelligence sets, `TorIPCaller` for Tor exit nodes. The matching lists are the finding's
 * Service.Evidence. Costs nothing when no list is loaded.
 */
import { SEVERITY, type Detection, type Detector } from '../detection.js';
import type { ThreatListKind, ThreatMatch } from '../threat-intel.js';
import { recipientAccount, type TrailEvent } from '../trail-event.js';

const FAMILY: Record<ThreatListKind, { suffix: string; origin: string }> = {
  guardduty: { suffix: 'MaliciousIPCaller', origin: 'a known malicious IP address' },
  custom: { suffix: 'MaliciousIPCaller.Custom', origin: 'an IP address on a custom threat list' },
  tor: { suffix: 'TorIPCaller', origin: 'a Tor exit node' },
};
const KINDS = Object.keys(FAMILY) as ThreatListKind[];
/** Calls that read credentials are not reconnaissance even though their names start with Get. */
const NOT_RECON = new Set(['GetSecretValue', 'BatchGetSecretValue', 'GetPasswordData', 'GetParameter', 'GetParameters', 'GetParametersByPath', 'GetSessionToken', 'GetFederationToken', 'GetAuthorizationToken', 'GetObject']);

/** Whether a call lists or describes resources. */
export function isReconCall(eventName: string): boolean {
  if (NOT_RECON.has(eventName)) return false;
  return eventName.startsWith('List') || eventName.startsWith('Describe') || eventName.startsWith('Get');
}

function detectionOf(event: TrailEvent, kind: ThreatListKind, matches: ThreatMatch[]): Detection {
  const family = FAMILY[kind];
  const recon = isReconCall(event.eventName);
  return {
    type: `${recon ? 'Recon' : 'UnauthorizedAccess'}:IAMUser/${family.suffix}`,
    severity: SEVERITY.MEDIUM,
    event,
    title: `An API was invoked from ${family.origin}.`,
    description: `${event.eventName} was called from ${event.sourceIPAddress}, ${family.origin}.`,
    threatIntelligence: matches.map((m) => ({ ThreatListName: m.listName, ThreatNames: m.threatNames })),
  };
}

export function threatListCaller(): Detector {
  return {
    name: 'threat-list-caller',
    findingTypes: KINDS.flatMap((kind) => [`Recon:IAMUser/${FAMILY[kind].suffix}`, `UnauthorizedAccess:IAMUser/${FAMILY[kind].suffix}`]),
    inspect(event, context) {
      const intel = context.threatIntel;
      if (!intel.hasLists || !event.sourceIPAddress || event.identity.invokedBy !== '') return undefined;
      const matches = intel.lookup(event.sourceIPAddress, recipientAccount(event), event.awsRegion);
      if (matches.length === 0) return undefined;
      const found: Detection[] = [];
      for (const kind of KINDS) {
        const ofKind = matches.filter((m) => m.kind === kind);
        if (ofKind.length > 0) found.push(detectionOf(event, kind, ofKind));
      }
      return found;
    },
  };
}
