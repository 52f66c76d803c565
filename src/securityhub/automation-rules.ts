/**
 * Automation rules applied to a finding a provider created or updated: the enabled rules in
 * RuleOrder (lower first; equal orders by earlier UpdatedAt), each whose Criteria match
 * updating the finding's fields as its FindingFieldsUpdate says (as BatchUpdateFindings would);
 * a matching rule with IsTerminal stops the evaluation. Later rules see earlier rules' changes.
 */
import { applyCustomerUpdate } from './customer-update.js';
import { compileFilters, findingMatches, type CompiledFilters } from './filters/compile.js';

type Json = Record<string, unknown>;

export interface AutomationRule {
  RuleArn: string;
  RuleStatus: 'ENABLED' | 'DISABLED';
  RuleOrder: number;
  IsTerminal: boolean;
  Criteria: Json;
  Actions: Array<{ Type: string; FindingFieldsUpdate?: Json }>;
  UpdatedAt: string;
}

export interface RuleApplication {
  ruleArn: string;
  before: Json;
  after: Json;
  changed: string[];
}

export interface CompiledRules {
  apply(finding: Json, now: Date): { finding: Json; applied: RuleApplication[] };
}

export function compileRules(rules: readonly AutomationRule[], now = Date.now()): CompiledRules {
  const active: Array<{ rule: AutomationRule; criteria: CompiledFilters }> = rules
    .filter((r) => r.RuleStatus === 'ENABLED')
    .sort((a, b) => a.RuleOrder - b.RuleOrder || (a.UpdatedAt < b.UpdatedAt ? -1 : a.UpdatedAt > b.UpdatedAt ? 1 : 0))
    .map((rule) => ({ rule, criteria: compileFilters(rule.Criteria, { now, automationRules: true }) }));
  return {
    apply(finding, at) {
      let current = finding;
      const applied: RuleApplication[] = [];
      for (const { rule, criteria } of active) {
        if (!findingMatches(criteria, current)) continue;
        for (const action of rule.Actions) {
          if (action.Type !== 'FINDING_FIELDS_UPDATE' || !action.FindingFieldsUpdate) continue;
          const { finding: after, changed } = applyCustomerUpdate(current, action.FindingFieldsUpdate, at);
          applied.push({ ruleArn: rule.RuleArn, before: current, after, changed });
          current = after;
        }
        if (rule.IsTerminal) break;
      }
      return { finding: current, applied };
    },
  };
}
