import { describeInvalidId } from '../upstream/jump-id.js';
import { badUserInput } from './errors.js';

/** Refuses, before any upstream call, an id that no Jump object can have. */
export function checkId(id: string, argument: string): string {
  const problem = describeInvalidId(id);
  if (problem !== null) {
    throw badUserInput(`${argument} ${problem}`, argument);
  }

  return id;
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Free-text filters: sent encoded, but refused when no search could mean them. */
export function checkSearch(search: string | null | undefined, argument: string, max = 200) {
  if (search === null || search === undefined) {
    return undefined;
  }
  if (search.length > max || CONTROL_CHARACTERS.test(search) || !search.isWellFormed()) {
    throw badUserInput(
      `${argument} must be well-formed text of at most ${max} characters, with no control characters`,
      argument,
    );
  }

  return search.trim() === '' ? undefined : search;
}

/** `checkId` for an optional id: null and undefined pass through unchanged. */
export function checkOptionalId<T extends null | undefined>(
  id: string | number | T,
  argument: string,
): string | T {
  return id === null || id === undefined ? id : checkId(String(id), argument);
}
