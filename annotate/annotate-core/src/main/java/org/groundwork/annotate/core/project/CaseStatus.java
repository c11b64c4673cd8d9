package org.groundwork.annotate.core.project;

/** Where a case stands in the annotation workflow. */
public enum CaseStatus {
    TODO, IN_PROGRESS, DONE, NEEDS_REVIEW
}
