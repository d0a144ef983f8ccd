/**
 * The face of home — the signed-in home page: a person's own meetings, questions, actions and
 * declaration, what the secretariat has due, and the disputes waiting on NHS London.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export { getHome, type Home } from './home-view.ts';
export { registerHomePage } from './pages.ts';
