import { HttpError, type FieldProblem } from '../http/http-error.js';

/** Collects every problem with a body so one 400 can report them all. */
export class FieldErrors {
  readonly #problems: FieldProblem[] = [];

  /** `problem` continues the field name: `add('email', 'must be …')` → "email must be …". */
  add(field: string, problem: string): void {
    this.#problems.push({ field, message: `${field} ${problem}` });
  }

  throwIfAny(): void {
    if (this.#problems.length === 0) return;

    const details = this.#problems.map((problem) => problem.message).join('; ');

    throw new HttpError(400, details, { fields: [...this.#problems] });
  }
}
