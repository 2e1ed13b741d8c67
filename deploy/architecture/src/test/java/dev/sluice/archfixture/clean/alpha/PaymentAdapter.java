package dev.sluice.archfixture.clean.alpha;

import dev.sluice.archfixture.clean.domain.Money;

/** A clean adapter: depends on the domain only. */
public class PaymentAdapter {
    public Money zero() {
        return new Money(java.math.BigDecimal.ZERO, "EUR");
    }
}
