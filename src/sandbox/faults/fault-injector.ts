import { compileFaultRule, type CompiledRule, type FaultRule } from './fault-rule.js';

/** The sandbox's fault switch, for tests and the embedded sandbox; `sandbox.faults`. */
export interface SandboxFaults {
  /**
   * Adds a rule after those already in force. Rules are tried in order for each request and the
   * first that fires applies; the rest are not consulted. Throws a RangeError for an invalid rule.
   */
  inject(rule: FaultRule): InjectedFault;
  /** Removes every rule. Requests a fault is already holding stay held until their client leaves. */
  clear(): void;
  /** Requests a latency or stall fault is holding now; each is let go when its client leaves. */
  readonly held: number;
}

/** One rule in force. */
export interface InjectedFault {
  /** Requests it has applied to so far. */
  readonly applied: number;
  /** Takes the rule out; does nothing if it is already gone. */
  remove(): void;
}

/** Holds the rules in force and decides, request by request, which fault applies. */
export class FaultInjector implements SandboxFaults {
  #rules: CompiledRule[] = [];
  #held = 0;
  #idle: (() => void)[] = [];
  readonly #random: () => number;

  /** `random` answers a float in [0, 1) for each rule with a `fraction` that matches a request. */
  constructor(random: () => number, rules: readonly FaultRule[] = []) {
    this.#random = random;
    for (const rule of rules) this.inject(rule);
  }

  inject(rule: FaultRule): InjectedFault {
    const compiled = compileFaultRule(rule);
    this.#rules.push(compiled);

    return {
      get applied() {
        return compiled.applied;
      },
      remove: () => this.#remove(compiled),
    };
  }

  clear(): void {
    this.#rules = [];
  }

  get held(): number {
    return this.#held;
  }

  /** The rule that fires for this request, if any, counted against its `times`. */
  take(method: string, path: string): FaultRule | undefined {
    const fired = this.#rules.find(
      (compiled) =>
        compiled.matches(method, path) &&
        (compiled.fraction === 1 || this.#random() < compiled.fraction),
    );
    if (!fired) return undefined;

    fired.remaining -= 1;
    fired.applied += 1;
    if (fired.remaining <= 0) this.#remove(fired);

    return fired.rule;
  }

  /** Counts one request as held until the function answered is called, once or more. */
  hold(): () => void {
    this.#held += 1;
    let released = false;

    return () => {
      if (released) return;

      released = true;
      this.#held -= 1;
      if (this.#held > 0) return;

      const waiting = this.#idle;
      this.#idle = [];
      for (const resolve of waiting) resolve();
    };
  }

  /** Settles once no request is held, and so no latency timer is left running. */
  whenIdle(): Promise<void> {
    if (this.#held === 0) return Promise.resolve();

    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #remove(compiled: CompiledRule): void {
    this.#rules = this.#rules.filter((candidate) => candidate !== compiled);
  }
}
