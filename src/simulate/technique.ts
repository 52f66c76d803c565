/**
 * What an attack technique is to the simulator: what it is called, what GuardDuty should say
 * about it, and the three phases the runner drives — prepare the target, detonate the attack,
 * undo everything. Undo is not a phase a technique writes: every step that creates something
 * registers its own undo (`context.undo`), so cleanup covers exactly what was created, even
 * when setup or detonation failed halfway.
 */
import type { SimulationClients } from './clients.js';

/** Where the technique comes from: Stratus Red Team's catalog (its ids) or Bulwark's own. */
export type TechniqueSource = 'stratus' | 'bulwark';

export interface TechniqueContext {
  /** Clients signed with the runner's credentials: setup and undo run with these. */
  readonly operator: SimulationClients;
  /** Clients signed with the technique's attacker, an IAM user allowed everything: detonations run with these. */
  readonly attacker: SimulationClients;
  /** The account the simulation runs in. */
  readonly accountId: string;
  /** The operator's ARN (`arn:aws:iam::<account>:root` when the run signs as root). */
  readonly operatorArn: string;
  readonly region: string;
  /** The GuardDuty detector the run reads findings from (undefined when GuardDuty is not served). */
  readonly detectorId: string | undefined;
  /** A name unique to this run and technique (lowercase, safe for buckets): `<run prefix>-<suffix>`. */
  name(suffix: string): string;
  /** Registers how to undo something just created; undos run in reverse order after the detection wait. */
  undo(description: string, action: () => Promise<unknown>): void;
  /** Attributes findings about these access keys (besides the attacker's) to this technique. */
  attribute(accessKeyId: string): void;
}

/** `S` is what setup hands to detonation (a key id, a user name…). */
export interface Technique<S = void> {
  /** Stratus Red Team's id for its techniques; ours follow the same `aws.<tactic>.<name>` style. */
  readonly id: string;
  readonly title: string;
  readonly source: TechniqueSource;
  /** MITRE ATT&CK tactics. */
  readonly tactics: readonly string[];
  /** GuardDuty finding types that count as detecting the technique (any one of them). */
  readonly expectedFindingTypes: readonly string[];
  /** Creates the target (a trail, a bucket, a user…); each creation registers its undo. */
  setup?(context: TechniqueContext): Promise<S>;
  /** The attack calls, given what setup made. */
  detonate(context: TechniqueContext, target: S): Promise<void>;
}

/** A technique of any setup result, as the catalog holds them. */
export type AnyTechnique = Technique<any>;

/** Declares a technique, checking detonation against what its setup returns. */
export function technique<S = void>(definition: Technique<S>): AnyTechnique {
  return definition;
}
