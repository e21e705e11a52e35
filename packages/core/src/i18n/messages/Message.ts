/**
 * A message template in both languages. `{name}` placeholders take the finding's parameters.
 */
export interface MessageTemplate {
  en: string;
  zh: string;
}

/** A set of message templates keyed by message key (`area.topic.case`). */
export type MessageCatalogue = Readonly<Record<string, MessageTemplate>>;
