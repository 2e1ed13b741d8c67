package dev.sluice.archfixture.clean.domain;

import java.math.BigDecimal;

/** A clean domain class: JDK only. */
public record Money(BigDecimal amount, String currency) {
}
