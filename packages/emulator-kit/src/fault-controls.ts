/** What the fault hooks need of an emulator's fault injector (a FaultSwitchboard). */
export interface SwitchableFaults<S> {
  readonly settings: S;
  update(patch: Partial<S>): S;
  reset(): S;
}

/**
 * The fault half of an emulator's test hooks: read, patch and reset the settings.
 * Each answer is a copy, so a test cannot change the live settings by accident.
 */
export abstract class FaultControls<S, P> {
  protected constructor(
    private readonly switchable: SwitchableFaults<S>,
    private readonly parsePatch: (raw: Record<string, unknown>) => Partial<S>,
  ) {}

  getFaults(): S {
    return structuredClone(this.switchable.settings);
  }

  /** Sizes and durations may be text ("10G", "2s"); a bad value is a RangeError and changes nothing. */
  setFaults(patch: P): S {
    return structuredClone(this.switchable.update(this.parsePatch(patch as Record<string, unknown>)));
  }

  resetFaults(): S {
    return structuredClone(this.switchable.reset());
  }
}
