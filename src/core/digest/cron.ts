import { err, ok, type Result } from "../errors.ts";

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week) parsed into
 * sets. Fields take numbers, `*`, lists, ranges and steps (`1-5`, `8,12,18`,
 * `10-40/10`); months and days may be named (`jan`, `mon-fri`); day-of-week 7 is Sunday.
 * As in Vixie cron, when both day fields are restricted a day matches either of them.
 */
export interface CronSpec {
  /** The normalised expression (macros expanded), a stable key for memoising. */
  source: string;
  minutes: readonly boolean[];
  hours: readonly boolean[];
  daysOfMonth: readonly boolean[];
  months: readonly boolean[];
  daysOfWeek: readonly boolean[];
  /** False when the field was `*` (or an equivalent step over the whole range). */
  domRestricted: boolean;
  dowRestricted: boolean;
}

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const FIELDS: readonly FieldDef[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTH_NAMES },
  { name: "day of week", min: 0, max: 7, names: DAY_NAMES },
];

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

export function parseCron(expression: string): Result<CronSpec, string> {
  const trimmed = expression.trim().toLowerCase();
  const source = MACROS[trimmed] ?? trimmed;
  const parts = source.split(/\s+/);
  if (parts.length !== 5) {
    return err(`expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`);
  }
  const sets: boolean[][] = [];
  const restricted: boolean[] = [];
  for (const [i, def] of FIELDS.entries()) {
    const parsed = parseField(parts[i] ?? "", def);
    if (!parsed.ok) return parsed;
    sets.push(parsed.value);
    restricted.push(!parsed.value.slice(def.min).every(Boolean));
  }
  const [minutes = [], hours = [], daysOfMonth = [], months = [], daysOfWeek = []] = sets;
  // 7 is another spelling of Sunday.
  if (daysOfWeek[7]) daysOfWeek[0] = true;
  daysOfWeek.length = 7;
  return ok({
    source: parts.join(" "),
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    domRestricted: restricted[2] ?? false,
    dowRestricted: !daysOfWeek.every(Boolean),
  });
}

function parseField(text: string, def: FieldDef): Result<boolean[], string> {
  const set: boolean[] = new Array(def.max + 1).fill(false);
  for (const item of text.split(",")) {
    const [rangeText = "", stepText, extra] = item.split("/");
    if (extra !== undefined) return err(`${def.name}: "${item}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        return err(`${def.name}: step "${stepText}" must be a positive number`);
      }
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (rangeText === "*") {
      from = def.min;
      to = def.name === "day of week" ? 6 : def.max;
    } else {
      const [startText = "", endText, more] = rangeText.split("-");
      if (more !== undefined) return err(`${def.name}: "${rangeText}" is not a range`);
      const start = value(startText, def);
      if (!start.ok) return start;
      from = start.value;
      if (endText !== undefined) {
        const end = value(endText, def);
        if (!end.ok) return end;
        to = end.value;
        if (to < from) return err(`${def.name}: range "${rangeText}" goes backwards`);
      } else if (stepText !== undefined) {
        // Some crons read "5/15" as "5-59/15"; node-cron, which triggers us, rejects it.
        return err(
          `${def.name}: "${item}" needs a range before the step, like "${startText}-${def.max}/${stepText}"`,
        );
      } else {
        to = from;
      }
    }
    for (let v = from; v <= to; v += step) set[v] = true;
  }
  return ok(set);
}

function value(text: string, def: FieldDef): Result<number, string> {
  const named = def.names?.indexOf(text) ?? -1;
  if (named >= 0) return ok(def.names === MONTH_NAMES ? named + 1 : named);
  if (!/^\d+$/.test(text)) return err(`${def.name}: "${text}" is not a number`);
  const n = Number(text);
  if (n < def.min || n > def.max) return err(`${def.name}: ${n} is outside ${def.min}-${def.max}`);
  return ok(n);
}

/** Days per month in a leap year: the most a month can hold. */
const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when some calendar day can match (rejects `0 0 31 2 *`, which would never fire). */
export function canEverMatch(spec: CronSpec): boolean {
  if (spec.dowRestricted && spec.domRestricted) return true;
  if (spec.dowRestricted) return spec.months.some(Boolean);
  return MAX_DAYS.some((days, i) => spec.months[i + 1] && spec.daysOfMonth.slice(1, days + 1).some(Boolean));
}

/** Whether a calendar day (wall-clock fields) is selected by the day fields. */
export function matchesDay(spec: CronSpec, month: number, day: number, weekday: number): boolean {
  if (!spec.months[month]) return false;
  const dom = spec.daysOfMonth[day] === true;
  const dow = spec.daysOfWeek[weekday] === true;
  if (spec.domRestricted && spec.dowRestricted) return dom || dow;
  return dom && dow;
}
