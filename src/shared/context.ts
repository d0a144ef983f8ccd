/** Who is acting and when: passed to every use-case so rules and audit never read a clock. */
export interface ActionContext {
  /** A stable description of the actor until sign-in exists (issue 4): `api`, `cli`, `seed`. */
  actor: string;
  requestId?: string | undefined;
  now: Date;
}
