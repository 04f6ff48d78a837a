/**
 * Request and response shapes of the API routes that are not indicator figures: duiding,
 * duidingssessies, actions, problems and health. The server validates with them, the web
 * reads with them, and the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { DeliveryRhythm, IndicatorId, Month, Period, ReportingRow, ScopeCode } from './domain.ts';

export const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'datum als JJJJ-MM-DD');
/** Timestamps are UTC, ISO 8601 with `Z`. */
export const Timestamp = z.string();
/**
 * A record id in a path or query: decimal digits only, no sign, no leading zero, no exponent
 * (z.coerce read `0x10` as 16 and `1e1` as 10; issue 10). Up to DuckDB's INTEGER range.
 */
export const Id = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'een id is een positief geheel getal in cijfers')
  .transform(Number)
  .pipe(z.number().int().max(2_147_483_647, 'dit id is te groot'));
export const IdParams = z.object({ id: Id });

// ---------------------------------------------------------------- problems (RFC 9457)

export const ProblemParameter = z.object({
  /** Where the bad input was: `query`, `params`, `body` or `headers`. */
  in: z.string(),
  /** The parameter, as a dotted path (`agenda.0.indicator`). */
  name: z.string(),
  message: z.string(),
});

/** Every error the API returns, as `application/problem+json`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  /** One or two Dutch sentences a person understands. */
  detail: z.string(),
  instance: z.string().optional(),
  /** With 400: the parameters that were wrong. */
  parameters: z.array(ProblemParameter).optional(),
  /** With a rejected upload: the validation report. */
  report: z.unknown().optional(),
});
export type Problem = z.infer<typeof Problem>;

// ---------------------------------------------------------------- health and version

export const Health = z.object({
  status: z.literal('ok'),
  region: z.string(),
  data_version: z.number().int(),
  duiding_version: z.number().int(),
  deliveries: z.number().int(),
  /** While a new store gets its initial (demo) data: the progress; null once loaded. */
  loading: z
    .object({
      phase: z.enum(['voorbereiden', 'laden', 'mislukt']),
      label: z.string(),
      done: z.number().int(),
      total: z.number().int(),
    })
    .nullable(),
});
export type Health = z.infer<typeof Health>;

export const Version = z.object({
  name: z.string(),
  version: z.string(),
  schema_version: z.number().int(),
  node: z.string(),
});
export type Version = z.infer<typeof Version>;

// ---------------------------------------------------------------- duiding

export const DuidingKind = z.enum(['verklaring', 'signaal', 'verbetervoorstel']);
export type DuidingKind = z.infer<typeof DuidingKind>;

const Text = z.string().trim().min(1, 'tekst mag niet leeg zijn').max(10_000, 'tekst is langer dan 10.000 tekens');

const duidingFields = {
  kind: DuidingKind,
  segment: ReportingRow,
  gemeente_code: ScopeCode,
  period: Period,
  indicator: IndicatorId.nullable(),
  text: Text,
  session_id: z.number().int().positive().nullable(),
};

export const DuidingInput = z.object({
  ...duidingFields,
  indicator: duidingFields.indicator.default(null),
  session_id: duidingFields.session_id.default(null),
});
export type DuidingInput = z.infer<typeof DuidingInput>;

// Patches have no defaults: a field left out stays as it is.
/** A change: any subset of the fields. */
export const DuidingPatch = z.object(duidingFields).partial().refine((p) => Object.keys(p).length > 0, 'geef minstens één veld om te wijzigen');
export type DuidingPatch = z.infer<typeof DuidingPatch>;

/** One figure beside a duiding: the indicator of its row, scope and period; hidden like any figure. */
export const DuidingFigureValue = z.object({
  indicator: IndicatorId,
  /** null when undefined or hidden. */
  value: z.number().nullable(),
  suppressed: z.boolean(),
});
export type DuidingFigureValue = z.infer<typeof DuidingFigureValue>;

/** The figures beside a duiding at one moment: as known at a peilmaand, at a data version. */
export const DuidingFigures = z.object({
  /** The month the figures were as known at (the session's peilmaand, else the newest delivered month); null before any delivery. */
  peilmaand: Month.nullable(),
  data_version: z.number().int(),
  /** The duiding's own indicator (else its row's target measure, else kosten), then kosten and clients. */
  values: z.array(DuidingFigureValue),
});
export type DuidingFigures = z.infer<typeof DuidingFigures>;

/** What a person writes in a duiding: the part its history records before and after. */
export const DuidingContent = z.object({
  kind: DuidingKind,
  segment: ReportingRow,
  gemeente_code: ScopeCode,
  period: Period,
  indicator: IndicatorId.nullable(),
  text: z.string(),
  session_id: z.number().int().nullable(),
});
export type DuidingContent = z.infer<typeof DuidingContent>;

export const Duiding = DuidingContent.extend({
  id: z.number().int(),
  author: z.string(),
  created_at: Timestamp,
  updated_by: z.string(),
  updated_at: Timestamp,
  /**
   * The figures it was written beside, recorded at writing (again when an edit moves it to
   * another row, scope, period, indicator or session); null for a duiding from before they were kept.
   */
  figures_at_writing: DuidingFigures.nullable(),
  /** The same figures as known now (every delivery so far). */
  figures_now: DuidingFigures,
});
export type Duiding = z.infer<typeof Duiding>;

export const DuidingChangeKind = z.enum(['geschreven', 'gewijzigd', 'verwijderd']);
export type DuidingChangeKind = z.infer<typeof DuidingChangeKind>;

/** One write of a duiding: who, when, and its content before and after. */
export const DuidingChange = z.object({
  change: DuidingChangeKind,
  changed_by: z.string(),
  changed_at: Timestamp,
  /** null for `geschreven`. */
  before: DuidingContent.nullable(),
  /** null for `verwijderd`. */
  after: DuidingContent.nullable(),
});
export type DuidingChange = z.infer<typeof DuidingChange>;

/** `GET /api/duiding/:id/history`: every change, oldest first; also for a deleted duiding. */
export const DuidingHistory = z.object({
  id: z.number().int(),
  /** Where the duiding is now (or was when deleted): the gemeente limit is checked on it. */
  gemeente_code: ScopeCode,
  deleted: z.boolean(),
  changes: z.array(DuidingChange),
});
export type DuidingHistory = z.infer<typeof DuidingHistory>;

export const DuidingFilter = z.object({
  kind: DuidingKind.optional(),
  segment: ReportingRow.optional(),
  gemeente_code: ScopeCode.optional(),
  /** Exact period (`2025` or `2025-03`). */
  period: Period.optional(),
  /** Every duiding on the year or one of its months. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  indicator: IndicatorId.optional(),
  session_id: Id.optional(),
});
export type DuidingFilter = z.infer<typeof DuidingFilter>;

// ---------------------------------------------------------------- duidingssessies

export const AgendaItem = z.object({
  segment: ReportingRow.nullable().default(null),
  indicator: IndicatorId.nullable().default(null),
  gemeente_code: ScopeCode.nullable().default(null),
  /** A view of the web app, e.g. `overzicht` or `vergelijking`. */
  view: z.string().trim().max(100).nullable().default(null),
  note: z.string().trim().max(1000).nullable().default(null),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

const duidingssessieFields = {
  date: IsoDate,
  title: z.string().trim().min(1, 'titel mag niet leeg zijn').max(200),
  organisations: z.array(z.string().trim().min(1).max(200)).max(100),
  agenda: z.array(AgendaItem).max(100),
  /**
   * The month the session's figures are as known at (`YYYY-MM`): only deliveries up to it count.
   * Default at creation: the newest delivered month.
   */
  peilmaand: Month,
};

export const DuidingssessieInput = z.object({
  ...duidingssessieFields,
  organisations: duidingssessieFields.organisations.default([]),
  agenda: duidingssessieFields.agenda.default([]),
  peilmaand: duidingssessieFields.peilmaand.optional(),
});
export type DuidingssessieInput = z.infer<typeof DuidingssessieInput>;

export const DuidingssessiePatch = z.object(duidingssessieFields).partial().refine((p) => Object.keys(p).length > 0, 'geef minstens één veld om te wijzigen');
export type DuidingssessiePatch = z.infer<typeof DuidingssessiePatch>;

export const Duidingssessie = z.object({
  id: z.number().int(),
  date: IsoDate,
  title: z.string(),
  organisations: z.array(z.string()),
  agenda: z.array(AgendaItem),
  /** Null only for a session created before anything was delivered. */
  peilmaand: Month.nullable(),
  created_by: z.string(),
  created_at: Timestamp,
  updated_by: z.string(),
  updated_at: Timestamp,
});
export type Duidingssessie = z.infer<typeof Duidingssessie>;

export const DuidingssessieFilter = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type DuidingssessieFilter = z.infer<typeof DuidingssessieFilter>;

// ---------------------------------------------------------------- actions

export const ActionStatus = z.enum(['open', 'lopend', 'afgerond', 'vervallen']);
export type ActionStatus = z.infer<typeof ActionStatus>;

const actionFields = {
  title: z.string().trim().min(1, 'titel mag niet leeg zijn').max(500),
  owner_organisation: z.string().trim().min(1, 'eigenaar mag niet leeg zijn').max(200),
  due_date: IsoDate.nullable(),
  status: ActionStatus,
};

/**
 * The duidingssessie in which a write is made: its status then counts as set in that session
 * (the report's "lopend sinds sessie B"). Without it: the latest session on or before that day.
 */
const InSession = z.number().int().positive().optional();

export const ActionInput = z.object({
  /** The verbetervoorstel this action follows from. */
  duiding_id: z.number().int().positive(),
  ...actionFields,
  due_date: actionFields.due_date.default(null),
  status: actionFields.status.default('open'),
  session_id: InSession,
});
export type ActionInput = z.infer<typeof ActionInput>;

export const ActionPatch = z.object({ ...actionFields, session_id: InSession })
  .partial()
  .refine((p) => Object.keys(p).some((k) => k !== 'session_id'), 'geef minstens één veld om te wijzigen');
export type ActionPatch = z.infer<typeof ActionPatch>;

/** One step of an action's status history. */
export const ActionStatusChange = z.object({
  status: ActionStatus,
  changed_by: z.string(),
  changed_at: Timestamp,
  /** The duidingssessie the status was set in (given with the write, else the latest one on or before that day); null before any session. */
  session_id: z.number().int().nullable(),
});
export type ActionStatusChange = z.infer<typeof ActionStatusChange>;

export const Action = z.object({
  id: z.number().int(),
  duiding_id: z.number().int(),
  title: z.string(),
  owner_organisation: z.string(),
  due_date: IsoDate.nullable(),
  status: ActionStatus,
  created_by: z.string(),
  created_at: Timestamp,
  updated_by: z.string(),
  updated_at: Timestamp,
  /** Every status the action had, oldest first; the last is the current one. */
  history: z.array(ActionStatusChange),
  /** When its verbetervoorstel was deleted: by whom and when (the action stays); null otherwise. */
  proposal_deleted: z.object({ by: z.string(), at: Timestamp }).nullable(),
});
export type Action = z.infer<typeof Action>;

export const ActionFilter = z.object({
  status: ActionStatus.optional(),
  owner_organisation: z.string().optional(),
  duiding_id: Id.optional(),
  /** Actions past their due date that are still open or lopend. */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ActionFilter = z.infer<typeof ActionFilter>;

// ---------------------------------------------------------------- region

/** The configured region as the web needs it: gemeenten, targets, the privacy threshold and the claims lag. */
export const RegionInfo = z.object({
  id: z.string(),
  name: z.string(),
  /** `rhythm`: monthly or quarterly deliveries (a quarterly one counts for the quarter's three months). */
  gemeenten: z.array(z.object({ code: z.string(), name: z.string(), inhabitants: z.number().int().nullable(), rhythm: DeliveryRhythm })),
  baseline_year: z.number().int(),
  status_band: z.number(),
  targets: z.array(z.object({ segment: ReportingRow, measure: z.enum(['kosten', 'instroom']), reduction: z.number() })),
  privacy_threshold: z.number().int(),
  trajectory_gap_days: z.number().int(),
  /** herinstroom_pct: a start at most this many days after the previous trajectory's end is a return. */
  return_window_days: z.number().int(),
  /** A service month stays provisional until claims up to this many months later are in. */
  provisional_lag_months: z.number().int(),
});
export type RegionInfo = z.infer<typeof RegionInfo>;
