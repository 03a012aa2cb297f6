/** One GraphQL error as the API sends it: `extensions.code` and, for input errors, `extensions.field`. */
export interface ApiErrorItem {
  message: string;
  code: string;
  field: string | undefined;
}

/** A failed operation: network failure, HTTP error or GraphQL errors. */
export class ApiError extends Error {
  readonly items: ApiErrorItem[];

  constructor(items: ApiErrorItem[]) {
    super(items.map((i) => i.message).join('; ') || 'request failed');
    this.name = 'ApiError';
    this.items = items;
  }

  get code(): string {
    return this.items[0]?.code ?? 'INTERNAL';
  }

  /** Messages by input field, with the `input.` prefix removed (`input.fraction` → `fraction`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.items) {
      if (!i.field) continue;
      const key = i.field.replace(/^input\./, '');
      out[key] ??= i.message;
    }
    return out;
  }

  /** Messages not tied to a field (shown above the form). */
  formErrors(): string[] {
    return this.items.filter((i) => !i.field).map((i) => i.message);
  }
}

interface RawError {
  message?: unknown;
  extensions?: { code?: unknown; field?: unknown };
}

/** Convert a GraphQL `errors` array into an ApiError. */
export function toApiError(errors: readonly RawError[]): ApiError {
  return new ApiError(
    errors.map((e) => ({
      message: typeof e.message === 'string' ? e.message : 'error',
      code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL',
      field: typeof e.extensions?.field === 'string' ? e.extensions.field : undefined,
    })),
  );
}
