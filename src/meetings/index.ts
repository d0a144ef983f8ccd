/**
 * The face of meetings — meetings, agendas, attendance, declarations, series, apologies and the facts the engine counts.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { addAgendaItem, addAgendaItemWithin } from './add-agenda-item.ts';
export { renderAgendaPack } from './agenda-pack-pdf.ts';
export { registerApologiesPages, registerApologiesRoutes } from './apologies-routes.ts';
export { registerMeetingCalendarPages } from './calendar-pages.ts';
export { getCheckInOffer } from './check-in.ts';
export { declareInterest } from './declare-interest.ts';
export {
  comingMeetingsOfReader,
  meetingsAtRiskOfInquorum,
  type QuorumRisk,
  type ReadersMeeting,
} from './home-meetings-view.ts';
export { londonInstant } from './london-instant.ts';
export { assertMayManage } from './meeting-access.ts';
export {
  type MeetingChoice,
  selectMeetingChoice,
  selectMeetingsAwaitingNotice,
} from './meeting-choice-queries.ts';
export { meetingFactsOf } from './meeting-facts.ts';
export { recordMeetingHeld } from './meeting-lifecycle.ts';
export {
  type AgendaItemRecord,
  insertAgendaItem,
  lockMeeting,
  type MeetingRecord,
  selectAgendaItems,
  selectLastAgendaPosition,
  selectMeeting,
  selectMeetingsOfBody,
  updateLivePosition,
} from './meeting-queries.ts';
export {
  type InterestKind,
  interestKinds,
  interestKindText,
  mayReadConfidentialItems,
  visibleAgenda,
} from './meeting-rules.ts';
export { createMeetingSeries } from './meeting-series.ts';
export {
  getMeeting,
  listMeetings,
  type MeetingReport,
  type MeetingSummary,
} from './meeting-view.ts';
export { nextMeetingTakingBusiness } from './next-meeting-taking-business.ts';
export { registerMeetingPages } from './pages.ts';
export { registerPersonCalendar } from './person-calendar.ts';
export { type QuorumView, quorumView } from './quorum-view.ts';
export { recordAttendance } from './record-attendance.ts';
export { registerMeetingRoutes } from './routes.ts';
export { meetingParametersSchema } from './schemas.ts';
export { registerSeriesPages } from './series-pages.ts';
export { registerSeriesRoutes } from './series-routes.ts';
export { londonDateAndTime, londonWallClock, nthWeekdayOfMonth } from './series-rules.ts';
export { standingAttendanceOf } from './standing-attendance.ts';
