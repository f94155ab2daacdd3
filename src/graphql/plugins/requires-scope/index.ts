import './global-types.js';
import SchemaBuilder, { BasePlugin } from '@pothos/core';
import type { PothosOutputFieldConfig, SchemaTypes } from '@pothos/core';
import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLNonNull,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import type { GraphQLFieldResolver } from 'graphql';

export type { RequiresScopeOptions } from './types.js';

const pluginName = 'requiresScope';

export default pluginName;

export const requiresScopeDirective = new GraphQLDirective({
  name: 'requiresScope',
  description: 'The Jump API scope the caller’s key must hold for this field to resolve.',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: { scope: { type: new GraphQLNonNull(GraphQLString) } },
});

/** Declares, enforces and documents the upstream scope of every field that reaches Jump. */
export class PothosRequiresScopePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>) {
    const scope = fieldConfig.pothosOptions.requiresScope;
    if (!scope) {
      return fieldConfig;
    }

    const note = `Requires the \`${scope}\` scope.`;

    return {
      ...fieldConfig,
      description: fieldConfig.description ? `${fieldConfig.description}\n\n${note}` : note,
      extensions: {
        ...fieldConfig.extensions,
        requiresScope: scope,
        directives: { requiresScope: { scope } },
      },
    };
  }

  override afterBuild(schema: GraphQLSchema): GraphQLSchema {
    const config = schema.toConfig();

    return new GraphQLSchema({
      ...config,
      directives: [...config.directives, requiresScopeDirective],
    });
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const scope = fieldConfig.pothosOptions.requiresScope;
    if (!scope) {
      return resolver;
    }

    const { authenticate, formatError } = this.builder.options.requiresScope;

    return (parent, args, context, info) => {
      authenticate(context, scope);
      try {
        const result = resolver(parent, args, context, info);

        return isPromiseLike(result)
          ? Promise.resolve(result).catch((error: unknown) => {
              throw formatError(error, scope, context);
            })
          : result;
      } catch (error) {
        throw formatError(error, scope, context);
      }
    };
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

SchemaBuilder.registerPlugin(pluginName, PothosRequiresScopePlugin);
