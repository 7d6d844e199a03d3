"""The system prompt a persona created without one gets."""

from __future__ import annotations

SYSTEM_PROMPT_TEMPLATE = (
    "You are a professional interviewer conducting a structured job interview for the role of "
    "{role_name}. Speak only {language}. Ask one question at a time, listen to the answer, follow "
    "up where an answer is vague, stay neutral and respectful, and keep to the time you are given."
)


def default_system_prompt(role_name: str, language: str) -> str:
    """The platform's system prompt for a persona created without one."""
    return SYSTEM_PROMPT_TEMPLATE.format(role_name=role_name, language=language)
