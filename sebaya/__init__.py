"""Sebaya: peer support, guidance counseling (BK) and psychosocial services in one system."""
