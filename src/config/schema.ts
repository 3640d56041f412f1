/**
 * The configuration file's shape. Every key is documented in README.md ("Configuration");
 * keep the two in step. Semantic checks that need other modules (rules, cron, time zones)
 * live in `validate.ts` so that all problems are reported together.
 */
import { z } from "zod";
import { DESTINATION_HINT, parseDestination } from "../core/destination.ts";
import { LOCALES } from "../core/i18n/index.ts";
import { parseDuration } from "./duration.ts";
import { templateName, templateSchema } from "./template-schema.ts";

const duration = (min: number, label: string) =>
  z.string().superRefine((text, ctx) => {
    const seconds = parseDuration(text);
    if (seconds === null)
      ctx.addIssue({ code: "custom", message: `expected a duration such as 10m, 1h (${label})` });
    else if (seconds < min) ctx.addIssue({ code: "custom", message: `must be at least ${min / 60}m` });
  });

/** Discord: `role:`/`user:` + snowflake. Slack: `user:U…` or `group:S…` (a user group). Which platform may use which is checked in validate.ts. */
const mention = z
  .string()
  .regex(
    /^(?:(?:role|user):\d{17,20}|user:[UW][A-Z0-9]{2,20}|group:S[A-Z0-9]{2,20})$/,
    "expected role:<discord role id> or user:<discord user id> (Discord), user:U… or group:S… (Slack)",
  );

const locale = z.enum(LOCALES, { error: `expected a locale: ${LOCALES.join(", ")}` });

const notify = z
  .object({
    channel: z.string().refine((c) => parseDestination(c).ok, DESTINATION_HINT),
    digest: z.string().optional(),
    timezone: z.string().optional(),
    maxEntries: z.number().int().min(1).max(200).optional(),
    mention: z.union([mention, z.array(mention)]).optional(),
    locale: locale.optional(),
    /** A name from `templates:`, or a template written here. */
    template: z.union([templateName, templateSchema]).optional(),
  })
  .strict();

const topic = z
  .object({
    name: z
      .string()
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,63}$/u, "expected a short name: letters, digits, - _ ."),
    rule: z.string().min(1, "expected a rule"),
    notify: z.array(notify).min(1, "expected at least one notify target"),
    paused: z.boolean().default(false),
  })
  .strict();

const feed = z
  .object({
    url: z.string().refine((u) => /^(https?|file):/i.test(u), "expected an http(s):// or file: URL"),
    name: z.string().min(1).optional(),
    every: duration(60, "default 10m, minimum 1m").optional(),
    backfill: z.number().int().min(0).max(1000).default(0),
    language: z
      .string()
      .regex(/^\s*[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*\s*$/, "expected a language tag: fr, pt-BR")
      .optional(),
  })
  .strict();

export const configSchema = z
  .object({
    database: z
      .string()
      .regex(/^(sqlite:|postgres(ql)?:\/\/)/, "expected sqlite:<path> or postgres://…")
      .default("sqlite:data/wirewatch.db"),
    timezone: z.string().default("UTC"),
    /** Language of the bot's own words; `notify[].locale` overrides it per channel. */
    locale: locale.default("en"),
    aliases: z.record(z.string().regex(/^[\p{L}\p{N}_-]+$/u), z.array(z.string().min(1)).min(1)).default({}),
    poll: z
      .object({
        every: duration(60, "default 10m, minimum 1m").default("10m"),
        perHost: z.number().int().min(1).max(16).default(2),
        global: z.number().int().min(1).max(256).default(16),
        maxBodyBytes: z
          .number()
          .int()
          .min(1024)
          .default(5 * 1024 * 1024),
        tick: duration(1, "how often due feeds are looked for").default("15s"),
        /** A feed a WebSub hub pushes is still polled this often, as a backstop. */
        pushedEvery: duration(60, "default 1h, minimum 1m").default("1h"),
      })
      .strict()
      .prefault({}),
    delivery: z
      .object({
        catchUpThreshold: z.number().int().min(1).default(5),
        unfurl: z.boolean().default(false),
        /** How another outlet's report of a story already alerted in a channel is shown. */
        storyUpdates: z.enum(["thread", "edit", "post"]).default("thread"),
      })
      .strict()
      .prefault({}),
    digest: z
      .object({ maxEntries: z.number().int().min(1).max(200).default(25) })
      .strict()
      .prefault({}),
    slack: z
      .object({
        admins: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, "expected a Slack user id")).default([]),
      })
      .strict()
      .prefault({}),
    discord: z
      .object({
        /** A guild that removed the bot loses its chat topics and feeds after this grace period. */
        removeAfter: duration(0, "default 7d; 0s removes at once").default("7d"),
      })
      .strict()
      .prefault({}),
    quotas: z
      .object({
        feedsPerWorkspace: z.number().int().min(0).default(100),
        topicsPerChannel: z.number().int().min(0).default(50),
        feedAddsPerUserPerHour: z.number().int().min(0).default(10),
      })
      .strict()
      .prefault({}),
    templates: z.record(templateName, templateSchema).default({}),
    feeds: z.array(feed).default([]),
    topics: z.array(topic).default([]),
  })
  .strict();

export type RawConfig = z.infer<typeof configSchema>;
