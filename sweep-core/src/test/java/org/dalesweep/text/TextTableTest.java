package org.dalesweep.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void numbersHaveFourSignificantDigitsAndNoTrailingZeros() {
        assertEquals("0.5", TextTable.number(0.5));
        assertEquals("3.142", TextTable.number(Math.PI));
        assertEquals("-12.5", TextTable.number(-12.5));
        assertEquals("1.000e-04", TextTable.number(1e-4));
        assertEquals("1.235e+06", TextTable.number(1234567));
        assertEquals("0", TextTable.number(0));
        assertEquals("–", TextTable.number(Double.NaN));
        assertEquals("-inf", TextTable.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    void numbersUseADecimalPointInLocalesWithADecimalComma() {
        Locale saved = Locale.getDefault();
        try {
            for (Locale l : new Locale[] {Locale.GERMANY, Locale.FRANCE, Locale.forLanguageTag("ar-EG")}) {
                Locale.setDefault(l);
                assertEquals("0.5", TextTable.number(0.5), l.toString());
                assertEquals("3.142", TextTable.number(Math.PI), l.toString());
                assertEquals("1.000e-04", TextTable.number(1e-4), l.toString());
                String table = new TextTable("x", "y").row("a", 2.25).render();
                assertTrue(table.contains("2.25"), l + ":\n" + table);
            }
        } finally {
            Locale.setDefault(saved);
        }
    }
}
