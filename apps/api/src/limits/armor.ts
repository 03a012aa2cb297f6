import { AppError, AppErrorCode } from '@distillery/errors';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError as GraphQLErrorType, ValidationContext, ValidationRule } from 'graphql';

import { graphqlRuntime } from '../graphql-runtime.ts';

const { GraphQLError, Lexer, NoSchemaIntrospectionCustomRule, Source, TokenKind } = graphqlRuntime;

/**
 * Shape limits checked before anything else (graphql-armor's rules plus graphql-js' own token cap),
 * on HTTP and WebSocket alike. The largest operation the dashboard, CLI and clients send has about
 * 300 tokens and no aliases beyond a handful; these leave ample room for hand-written queries (15
 * aliases is graphql-armor's default and halves the worst page-of-runs request the bench measures).
 */
export const SHAPE_LIMITS = {
  maxQueryChars: 100_000,
  maxTokens: 2_000,
  maxAliases: 15,
  maxDirectives: 50,
} as const;

/** The typed, permanent refusal of an operation that breaks a query limit. */
export function tooComplex(message: string): GraphQLErrorType {
  return new GraphQLError(message, {
    extensions: { code: AppErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } },
    // Apollo re-codes validation errors; formatError finds the AppError underneath.
    originalError: new AppError(AppErrorCode.QUERY_TOO_COMPLEX, message),
  });
}

/**
 * Length and token count of an operation's text, counted lazily so a hostile 8 MB query costs
 * only the first `maxTokens` tokens. Returns the refusal message, or null when it fits.
 */
export function checkQueryText(query: unknown): string | null {
  if (typeof query !== 'string') return null;
  if (query.length > SHAPE_LIMITS.maxQueryChars)
    return `the query has ${query.length} characters; the limit is ${SHAPE_LIMITS.maxQueryChars}`;
  const lexer = new Lexer(new Source(query));
  try {
    for (let n = 0; lexer.advance().kind !== TokenKind.EOF; n++)
      if (n >= SHAPE_LIMITS.maxTokens) return `the query has more than ${SHAPE_LIMITS.maxTokens} tokens`;
  } catch {
    // A syntax error: the parser reports it properly.
  }
  return null;
}

const reportTooComplex = (ctx: ValidationContext | null, err: Error) =>
  ctx?.reportError(tooComplex(err.message.replace(/^Syntax Error: /, '')));
const armorOptions = { propagateOnRejection: false, onReject: [reportTooComplex], exposeLimits: true };

/** Validation rules beside graphql-js' own: alias and directive caps, no introspection in production. */
export function limitRules(production: boolean): ValidationRule[] {
  return [
    maxAliasesRule({ ...armorOptions, n: SHAPE_LIMITS.maxAliases }) as unknown as ValidationRule,
    maxDirectivesRule({ ...armorOptions, n: SHAPE_LIMITS.maxDirectives }) as unknown as ValidationRule,
    ...(production ? [NoSchemaIntrospectionCustomRule] : []),
  ];
}
