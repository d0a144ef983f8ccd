// Progressive enhancement of the live meeting page (src/live/): without this file a reload shows
// the same panels. Each `snapshot` event carries the panels already rendered by the server for
// this viewer, so the page never builds markup of its own; the status region announces a change
// of item, quorum or question (not every vote) to screen readers.
const panels = document.getElementById('live-panels');
const announcer = document.getElementById('live-announcement');
const connection = document.getElementById('live-connection');

if (panels && announcer && connection && 'EventSource' in window) {
  let lastAnnouncement = panels.dataset.announcement ?? '';
  const source = new EventSource(panels.dataset.events ?? '');
  const timeFormat = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Europe/London',
  });

  // The viewer's own part (their vote, the chair's controls) is rendered for them alone, so it is
  // fetched again when the item or the question changes — never while they are filling it in.
  const refreshRoom = async () => {
    const room = document.getElementById('live-room');
    if (!room?.dataset.source || room.contains(document.activeElement)) return;
    const response = await fetch(room.dataset.source, { credentials: 'same-origin' });
    if (!response.ok) return;
    room.outerHTML = await response.text();
  };

  source.addEventListener('snapshot', (event) => {
    const { snapshot, html } = JSON.parse(event.data);
    panels.innerHTML = html;
    if (snapshot.announcement !== lastAnnouncement) {
      lastAnnouncement = snapshot.announcement;
      announcer.textContent = snapshot.announcement;
      refreshRoom().catch(() => {});
    }
    connection.hidden = false;
    connection.textContent = `Following live: last updated ${timeFormat.format(new Date())}.`;
  });

  source.addEventListener('error', () => {
    connection.hidden = false;
    connection.textContent =
      source.readyState === EventSource.CLOSED
        ? 'Live updates stopped: reload the page to see the latest.'
        : 'Reconnecting to live updates…';
  });
}
