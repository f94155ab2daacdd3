export interface RequiresScopeOptions<Context> {
  /**
   * Runs before a scoped field resolves and throws when the caller cannot reach the upstream at
   * all (no key, or a key of the wrong shape), so no upstream call is made.
   */
  authenticate: (context: Context, scope: string) => void;
  /** Turns whatever the resolver threw into the error the client sees, knowing the scope. */
  formatError: (error: unknown, scope: string, context: Context) => unknown;
}
