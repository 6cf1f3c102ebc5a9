// How long sign-in links last: said by the pages, the e-mails and the command line from these two numbers.

/** A link sent by e-mail from the sign-in page. */
export const SIGN_IN_LINK_MINUTES = 15;
/** The demo's one-click links printed when the server starts (demo territory only). */
export const DEMO_LINK_HOURS = 12;
