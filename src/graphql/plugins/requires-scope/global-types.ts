/* eslint-disable @typescript-eslint/no-namespace, @typescript-eslint/no-unused-vars -- Pothos extends its options through global interfaces whose generics must match the originals. */
import type { FieldNullability, InputFieldMap, SchemaTypes, TypeParam } from '@pothos/core';
import type { PothosRequiresScopePlugin } from './index.js';
import type { RequiresScopeOptions } from './types.js';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      requiresScope: PothosRequiresScopePlugin<Types>;
    }

    export interface SchemaBuilderOptions<Types extends SchemaTypes> {
      requiresScope: RequiresScopeOptions<Types['Context']>;
    }

    export interface FieldOptions<
      Types extends SchemaTypes = SchemaTypes,
      ParentShape = unknown,
      Type extends TypeParam<Types> = TypeParam<Types>,
      Nullable extends FieldNullability<Type> = FieldNullability<Type>,
      Args extends InputFieldMap = InputFieldMap,
      ResolveShape = unknown,
      ResolveReturnShape = unknown,
    > {
      /**
       * The upstream scope this field needs. The field refuses to run without an API key, its
       * failures are mapped through `formatError` with this scope, and the printed SDL shows
       * `@requiresScope(scope: "...")`.
       */
      requiresScope?: string;
    }
  }
}
