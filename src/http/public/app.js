// Progressive enhancement only: every page works without this file. The classes are what the
// NHS.UK template's inline script would set; the Content-Security-Policy forbids inline script.
import { initAll } from '/assets/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
