import { GraphQLError, Kind } from 'graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { builder } from '../builder.js';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so 2023-02-29 is false). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) {
    return false;
  }

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));

  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(
      `Date must be a calendar date as YYYY-MM-DD; got ${JSON.stringify(value)}`,
      {
        extensions: { code: 'BAD_USER_INPUT' },
      },
    );
  }

  return value;
}

builder.scalarType('Date', {
  description: 'A calendar date written `YYYY-MM-DD` (ISO 8601), with no time or time zone.',
  serialize: (value) => {
    if (typeof value !== 'string' || !isCalendarDate(value.slice(0, 10))) {
      throw new GraphQLError(`Jump returned a date that is not YYYY-MM-DD`);
    }

    return value.slice(0, 10);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An instant, written as an RFC 3339 timestamp; always returned in UTC (`Z`).',
});
builder.addScalarType('JSONObject', JSONObjectResolver, {});
