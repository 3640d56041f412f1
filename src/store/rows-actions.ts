import type { TopicMute } from "../core/mutes.ts";
import type { Row } from "./rows.ts";

export type { Row } from "./rows.ts";

export function toMute(r: Row): TopicMute {
  return {
    destination: String(r.destination),
    topicId: String(r.topic_id),
    until: String(r.until),
    mutedBy: String(r.muted_by),
  };
}
