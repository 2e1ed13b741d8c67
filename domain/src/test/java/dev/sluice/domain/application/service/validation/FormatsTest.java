package dev.sluice.domain.application.service.validation;

import dev.sluice.domain.model.schema.Format;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            UUID      | 123e4567-e89b-12d3-a456-426614174000                             | true
            UUID      | 123e4567-e89b-12d3-a456-42661417400                              | false
            UUID      | 123e4567-e89b-12d3-a456_426614174000                             | false
            UUID      | g23e4567-e89b-12d3-a456-426614174000                             | false
            UUID_V4   | 3f2b8c1e-9d4a-4b7e-a1c2-5e6f7a8b9c0d                             | true
            UUID_V4   | 3f2b8c1e-9d4a-4b7e-B1c2-5e6f7a8b9c0d                             | true
            UUID_V4   | 3f2b8c1e-9d4a-1b7e-a1c2-5e6f7a8b9c0d                             | false
            UUID_V4   | 3f2b8c1e-9d4a-4b7e-71c2-5e6f7a8b9c0d                             | false
            DATE_TIME | 2025-08-11T14:30:45.123Z                                         | true
            DATE_TIME | 2025-08-11T14:30:45+05:30                                        | true
            DATE_TIME | 2025-08-11t14:30:45.123456789z                                   | true
            DATE_TIME | 2025-08-11T14:30:45                                              | false
            DATE_TIME | 2025-08-11T24:00:00Z                                             | false
            DATE_TIME | 2025-08-11T14:30:45.Z                                            | false
            DATE_TIME | 2025-08-11T14:30:45.1234567890Z                                  | false
            DATE_TIME | 2025-08-11T14:30:45+0530                                         | false
            DATE      | 2024-02-29                                                       | true
            DATE      | 2023-02-29                                                       | false
            DATE      | 2025-04-31                                                       | false
            DATE      | 2025-13-01                                                       | false
            IPV4      | 192.168.1.100                                                    | true
            IPV4      | 0.0.0.0                                                          | true
            IPV4      | 255.255.255.255                                                  | true
            IPV4      | 256.1.1.1                                                        | false
            IPV4      | 192.168.01.1                                                     | false
            IPV4      | 1.2.3                                                            | false
            IPV4      | 1.2.3.4.5                                                        | false
            IPV4      | 1.2.3.                                                           | false
            IPV4      | 1..2.3                                                           | false
            IPV6      | 2001:db8::1                                                      | true
            IPV6      | ::                                                               | true
            IPV6      | ::1                                                              | true
            IPV6      | 2001:0db8:85a3:0000:0000:8a2e:0370:7334                          | true
            IPV6      | ::ffff:192.168.1.1                                               | true
            IPV6      | 1::2::3                                                          | false
            IPV6      | 2001:db8:85a3:0:0:8a2e:370                                       | false
            IPV6      | 12345::1                                                         | false
            IPV6      | 2001:db8::1:                                                     | false
            IPV6      | 1:2:3:4:5:6:7:8:9                                                | false
            EMAIL     | ana@example.com                                                  | true
            EMAIL     | first.last+tag@sub.example.co.uk                                 | true
            EMAIL     | ana@localhost                                                    | false
            EMAIL     | ana@@example.com                                                 | false
            EMAIL     | @example.com                                                     | false
            EMAIL     | ana@-example.com                                                 | false
            EMAIL     | an a@example.com                                                 | false
            HEX64     | 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 | true
            HEX64     | 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08 | true
            HEX64     | 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0  | false
            HEX64     | 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0z | false
            SEMVER    | 5.2.1                                                            | true
            SEMVER    | 1.0.0-rc.1+build.5                                               | true
            SEMVER    | 5.2                                                              | false
            SEMVER    | 05.2.1                                                           | false
            SEMVER    | 1.0.0-01                                                         | false
            SEMVER    | 1.0.0.                                                           | false
            SEMVER    | v1.0.0                                                           | false
            """)
    void checksEachFormatWithoutARegularExpression(Format format, String value, boolean expected) {
        assertThat(Formats.matches(format, value)).isEqualTo(expected);
    }
}
