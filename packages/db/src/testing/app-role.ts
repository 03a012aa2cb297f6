/** The application role of test databases (test servers only: a fixed password is fine there). */
export const TEST_APP_ROLE = { role: 'distillery_app_test', password: 'distillery-app-test' } as const;
