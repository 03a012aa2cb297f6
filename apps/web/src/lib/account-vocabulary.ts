// Choices of the account pages, from the shared vocabulary (@distillery/domain), whose enums the API
// prints into its schema: a select offers only what the API accepts.
import { AUDIT_OUTCOMES, ROLE_DESCRIPTIONS, ROLES, TOKEN_ACCESS } from '@distillery/domain';
import type { AuditOutcome, Role, TokenAccess } from '@distillery/graphql-schema/types';

import type { Option } from './vocabulary.ts';

/** Project roles, weakest first, each with what it adds. */
export const ROLE_OPTIONS: readonly (Option & { value: Role; hint: string })[] = ROLES.map((r) => ({
  value: r,
  label: r.toLowerCase(),
  hint: ROLE_DESCRIPTIONS[r],
}));

/** What a USER token may do. */
export const ACCESS_OPTIONS: readonly (Option & { value: TokenAccess })[] = TOKEN_ACCESS.map((a) => ({
  value: a,
  label: a === 'READ_ONLY' ? 'read-only' : 'read and write',
}));

/** Outcomes of an audited call. */
export const OUTCOME_OPTIONS: readonly (Option & { value: AuditOutcome })[] = AUDIT_OUTCOMES.map((o) => ({
  value: o,
  label: o.toLowerCase(),
}));
