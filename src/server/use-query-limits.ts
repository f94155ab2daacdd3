import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';

/**
 * Static limits checked while parsing and validating, before anything runs: document size in
 * tokens, selection depth (fragments included), aliases and directives. GraphQL Armor's depth
 * rule is pinned at a version that counts fragment depth relative to where it is spread.
 */
export function useQueryLimits(config: Config): Plugin[] {
  const limits = config.queryLimits;

  return [
    maxTokensPlugin({ n: limits.maxTokens }),
    maxDepthPlugin({ n: limits.maxDepth, exposeLimits: true }),
    maxAliasesPlugin({ n: limits.maxAliases, exposeLimits: true }),
    maxDirectivesPlugin({ n: limits.maxDirectives, exposeLimits: true }),
  ] as Plugin[];
}
