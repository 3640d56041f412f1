/**
 * The shape of an alert template in the configuration (`templates:` and `notify[].template`).
 * The placeholders inside the text parts are checked by validate-templates.ts, so that an
 * unknown one is reported with its column together with every other problem of the file.
 */
import { z } from "zod";

export const TEMPLATE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,63}$/u;

export const templateName = z
  .string()
  .regex(TEMPLATE_NAME, "expected a template name: letters, digits, - _ .");

// Generous: each part is cut to its platform limit when rendered; this only refuses nonsense.
const text = z.string().max(4000, "expected at most 4000 characters");

const slack = z
  .object({
    header: text.optional(),
    section: text.optional(),
    context: text.optional(),
    image: z.enum(["accessory", "none"]).optional(),
  })
  .strict();

const colour = z.union([
  z.number().int().min(0).max(0xffffff),
  z.string().regex(/^#[0-9a-fA-F]{6}$/, "expected a colour such as #2f6fde"),
]);

const discord = z
  .object({
    content: text.optional(),
    title: text.optional(),
    description: text.optional(),
    footer: text.optional(),
    author: text.optional(),
    colour: colour.optional(),
    image: z.enum(["thumbnail", "image", "none"]).optional(),
  })
  .strict();

export const templateSchema = z.object({ slack: slack.optional(), discord: discord.optional() }).strict();

export type RawTemplate = z.infer<typeof templateSchema>;
