/// <reference lib="dom" />
// @ordergate/ui-widgets — the order desk panels as Owl 2 components. Named exports only.
export { ApprovalPanel } from './ApprovalPanel.js';
export type { ApprovalPanelProps, Blocker } from './ApprovalPanel.js';
export { WorkQueue, sortQueue } from './WorkQueue.js';
export type { WorkQueueProps } from './WorkQueue.js';
export { Desk, DESK_TOKEN_KEY } from './Desk.js';
export type { DeskProps } from './Desk.js';
export { ApiError, CLIENT_ROUTES, OrdergateClient } from './client.js';
export type {
  AllowedAction,
  Approval,
  ClientOptions,
  CreditHold,
  Evidence,
  Finding,
  LocalText,
  OrderPicture,
  Problem,
  RouteStep,
  WorkItem,
} from './client.js';
export { I18n, hostLang } from './i18n.js';
export type { Lang, TextKey } from './i18n.js';
export type { PanelEnv } from './env.js';
export { mountApprovalPanel, mountDesk, mountWorkQueue } from './mount.js';
export type { MountedPanel, MountOptions } from './mount.js';
