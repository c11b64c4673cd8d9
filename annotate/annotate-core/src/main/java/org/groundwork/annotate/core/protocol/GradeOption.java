package org.groundwork.annotate.core.protocol;

/** One allowed value of a severity field and what it means, e.g. 2 = "10-33% of the subregion". */
public record GradeOption(int value, String meaning) {
}
